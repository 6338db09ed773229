/** Attributes that carry secret material; each must be a reference (`${...}`) or absent. */
const SECRET =
  /^(password|master_password|administrator_password|administrator_login_password|secret_string|secret_data|shared_secret|preshared_key|tunnel[1-4]_preshared_key|private_key|private_key_pem|client_secret|sse_customer_key)(_wo)?$/;
/** `value` is secret material only on secret-store resources. */
const SECRET_STORE = /(secret|ssm_parameter)/;
/** Output values that read secret material, which must then be `sensitive`. */
const CARRIES_SECRET = /random_password\.[^}]*\.result|preshared_key\}|\.(secret_string|secret_data|password)\}/;

/**
 * Where a synthesized stack holds secret material in plain text: a secret attribute with a literal
 * value (not a `${...}` reference), or an output that reads a secret without being sensitive.
 */
export function plainSecrets(stack: string, json: any): string[] {
  const leaks: string[] = [];
  const walk = (node: unknown, where: string, secretStore: boolean) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${where}[${i}]`, secretStore));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '//') continue;
        const secret = SECRET.test(k) || (secretStore && /^value(_wo)?$/.test(k));
        if (typeof v === 'string' && secret && !v.startsWith('${')) leaks.push(`${where}.${k}`);
        walk(v, `${where}.${k}`, secretStore);
      }
    }
  };
  for (const block of ['resource', 'data'] as const) {
    for (const [type, items] of Object.entries<any>(json[block] ?? {})) {
      walk(items, `${stack}.${block}.${type}`, SECRET_STORE.test(type));
    }
  }
  for (const [name, out] of Object.entries<any>(json.output ?? {})) {
    if (CARRIES_SECRET.test(JSON.stringify(out.value)) && out.sensitive !== true) {
      leaks.push(`${stack}.output.${name} (not sensitive)`);
    }
  }
  return leaks;
}
