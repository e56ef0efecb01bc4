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
