/**
 * `npm run graph [-- <env>]`: the stack graph as Mermaid (GitHub renders it), from the registry.
 *
 * With an environment name: that environment's stacks (only the families it enables). Without:
 * every family, with `<env>` in place of the name, and the README's stack table.
 */
import { environmentStackGraph, loadAppEnvironments } from '../stacks';
import { familyGraphNodes, stackGraphMermaid, stackTableMarkdown } from '../stacks/graph';
import { STACK_FAMILIES } from '../stacks/registry';

const wanted = process.argv[2];
if (wanted) {
  const env = loadAppEnvironments().find((e) => e.config.name === wanted);
  if (!env) {
    console.error(`no environment named "${wanted}" in the config folder`);
    process.exit(1);
  }
  console.log(stackGraphMermaid(environmentStackGraph(env.config)));
} else {
  console.log(stackTableMarkdown(STACK_FAMILIES));
  console.log();
  console.log(stackGraphMermaid(familyGraphNodes(STACK_FAMILIES)));
}
