import Fastify from 'fastify';

/**
 * The anchors: bare Fastify (no database, no plugins, no logs). `/` answers a tiny JSON document; `/same-body`
 * answers, from memory, the very bytes SimFill's `GET /v1/plans` returns (fetched once at start from BODY_URL),
 * so the ratio against it isolates SimFill's own per-request work from the cost of moving 15 kB.
 */
const app = Fastify({ logger: false });
const bodyUrl = process.env.BODY_URL;
const sameBody = bodyUrl
  ? await (await fetch(bodyUrl, { headers: { 'accept-language': 'zh-CN' } })).text()
  : '{"object":"list","data":[],"has_more":false}';
app.get('/', async () => ({ hello: 'world' }));
app.get('/same-body', async (_request, reply) =>
  reply.type('application/json; charset=utf-8').send(sameBody),
);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
