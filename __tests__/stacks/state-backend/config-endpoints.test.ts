import { endpointUrlProblem, stateSection } from '../../../stacks/state-backend/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

/** What every rejected endpoint is told is allowed. */
const FORM =
  'use "http://" or "https://", a host and an optional port, with no user, path, query or fragment, e.g. "https://s3.eu-west-1.amazonaws.com" or "http://127.0.0.1:9000"';

describe('state.endpoints', () => {
  it.each(['http://127.0.0.1:9000', 'http://127.0.0.1:9000/', 'https://s3.eu-west-1.amazonaws.com', 'http://[::1]:4566', 'https://minio.internal.example.com'])(
    'accepts %s',
    (s3) => {
      expect(environmentProblems({ state: { endpoints: { s3 } } })).toEqual([]);
      expect(testEnvironment({ state: { endpoints: { s3 } } }).section(stateSection).endpoints).toEqual({ s3 });
    },
  );

  it.each([
    ['s3', 'localhost:9000', 'has no scheme'],
    ['s3', '127.0.0.1:9000', 'has no scheme'],
    ['dynamodb', 'ftp://x', 'has scheme "ftp", not http or https'],
    ['sts', 'file:///etc/passwd', 'has scheme "file", not http or https'],
    ['iam', 'http://', 'is not a URL'],
    ['s3', 'http:///bucket', 'has no host'],
    ['s3', 'https://s3.amazonaws.com/acme-tfstate', 'has a path, query or fragment'],
    ['s3', 'https://s3.amazonaws.com?x-id=PutObject', 'has a path, query or fragment'],
    ['s3', 'https://s3.amazonaws.com/#top', 'has a path, query or fragment'],
    ['dynamodb', 'https://key:secret@dynamodb.example.com', 'holds credentials'],
    ['s3', 'https://s3.amazonaws.com /', 'holds white space'],
  ])('rejects state.endpoints.%s "%s": %s', (field, value, what) => {
    expect(environmentProblems({ state: { endpoints: { [field]: value } } })).toEqual([
      `config/test.yaml: state.endpoints.${field} "${value}" ${what}; ${FORM}`,
    ]);
  });

  it('reports each bad endpoint of the section', () => {
    expect(environmentProblems({ state: { endpoints: { s3: 'localhost:9000', dynamodb: 'ftp://x', sts: 'https://sts.amazonaws.com' } } })).toEqual([
      `config/test.yaml: state.endpoints.s3 "localhost:9000" has no scheme; ${FORM}`,
      `config/test.yaml: state.endpoints.dynamodb "ftp://x" has scheme "ftp", not http or https; ${FORM}`,
    ]);
  });

  it('is the rule the section uses', () => {
    expect(endpointUrlProblem('http://127.0.0.1:9000')).toBeUndefined();
    expect(endpointUrlProblem('localhost:9000')).toBe(`has no scheme; ${FORM}`);
  });
});
