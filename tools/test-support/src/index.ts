export {
  type DemoLoginSource,
  type DemoSession,
  demoSession,
  type RawLoginTokens,
} from './demo-session.js';
export { assertDistFresh } from './dist-fresh.js';
export { extractExample, type ReadmeExample, readmeExample } from './readme-example.js';
export { expectNoSecrets, rejectionOf, SECRET, SECRET_TOKEN_BODY } from './secrets.js';
export {
  type SeenRequest,
  sendJson,
  startTestServer,
  type TestHandler,
  type TestServer,
  useTestServer,
} from './test-server.js';
