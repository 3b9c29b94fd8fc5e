// graphql-js picks its `instanceOf` at load time: outside NODE_ENV=production it runs a slow
// cross-realm check on every type test, which costs ~15% of a 100-user page. Imported first by
// app.mjs so it runs before any module loads graphql. An explicit NODE_ENV is respected.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
