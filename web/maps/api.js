// Talks to /api/v1 with the page's CSRF token (the session cookie does the rest).

export function csrfToken() {
  const input = document.querySelector('input[name="_csrf"]');
  return input ? input.value : '';
}

export async function send(method, url, body, headers = {}) {
  const init = { method, headers: { 'X-CSRF-Token': csrfToken(), ...headers }, credentials: 'same-origin' };
  if (body !== undefined) init.body = body;
  const response = await fetch(url, init);
  let data = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) data = await response.json();
  else data = await response.text();
  return { status: response.status, ok: response.ok, data };
}

export function sendJson(method, url, value) {
  return send(method, url, JSON.stringify(value), { 'Content-Type': 'application/json' });
}

// The server's error message, or a fallback.
export function errorText(result, fallback) {
  const e = result.data && result.data.error;
  if (!e) return fallback;
  const fields = Object.values(e.fields || {});
  return fields.length ? `${e.message}: ${fields.join('; ')}` : e.message;
}
