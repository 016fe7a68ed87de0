// A real OpenID Connect provider (npm oidc-provider) for the sign-in tests, on a loopback port:
//   node tests/sso/oidc_provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI POST_LOGOUT_URI
// Interactions complete at once as the account the test chose last (POST /test/account with
// {sub, email, name, groups, employee_id}); POST /test/rotate replaces the signing key.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri, postLogoutUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const accounts = new Map();
let nextAccount = null;

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

function makeProvider(key) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [key] },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups', 'employee_id'],
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['test-cookie-key'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, async claims() { return { ...account, email_verified: true } } };
    },
  });
  return provider;
}

let provider = makeProvider(newKey());

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (!nextAccount) throw new Error('no account chosen');
  const accountId = nextAccount.sub;
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } },
                                     { mergeWithLastSubmission: false });
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data ? JSON.parse(data) : {}));
  });
}

createServer(async (req, res) => {
  try {
    if (req.url === '/test/account' && req.method === 'POST') {
      nextAccount = await readBody(req);
      accounts.set(nextAccount.sub, nextAccount);
      res.writeHead(204).end();
    } else if (req.url === '/test/rotate' && req.method === 'POST') {
      provider = makeProvider(newKey());
      res.writeHead(204).end();
    } else if (req.url.startsWith('/interaction/')) {
      await interaction(req, res);
    } else {
      provider.callback()(req, res);
    }
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
