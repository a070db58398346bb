// A tiny broker-shaped HAL endpoint for the server tests: GET / answers the index,
// GET /echo tells which Authorization header arrived (the redirect test's other origin).
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const server = createServer((req, res) => {
  const json = (status, body, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(JSON.stringify(body));
  };
  const base = `http://${req.headers['x-forwarded-host'] ?? req.headers.host}`;
  if (req.url === '/echo' || req.url?.startsWith('/echo?')) {
    json(200, { authorization: req.headers.authorization ?? null, path: req.url });
  } else if (req.method === 'GET' && (req.url === '/' || req.url === '/pact-broker/')) {
    json(
      200,
      { _links: { 'pb:latest-pact-versions': { href: `${base}/pacts/latest` } } },
      'application/hal+json',
    );
  } else {
    json(404, { error: 'not found', path: req.url });
  }
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
