// A few direct API calls, to find demo data and to check what the screens claim.
export async function apiLogin(baseUrl, username, password = 'Pacer@2026') {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const body = await res.json();
  return (path) =>
    fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${body.accessToken}` } }).then(async (r) => {
      if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      return r.json();
    });
}

/** A signed-in API client that also writes: `call('POST', '/reports/1/submit', { version })` → the parsed answer. */
export async function apiClient(baseUrl, username, password = 'Pacer@2026') {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const { accessToken } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}
