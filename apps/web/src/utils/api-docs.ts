/** Where the API serves its OpenAPI UI (PACER_API_DOCS). */
export const API_DOCS_PATH = '/api/docs/';

/**
 * Opens the API docs in a new tab. The tab is opened first, inside the click (a tab opened after an await is
 * blocked as a pop-up); then `POST /docs/session` lets this browser in with an HttpOnly cookie when the server
 * asks for a login (PACER_API_DOCS=login), and the tab goes to the docs. If the request fails the tab closes.
 */
export async function openApiDocs(
  openSession: () => Promise<void>,
  openTab: () => Window | null = () => globalThis.open('about:blank', '_blank'),
): Promise<void> {
  const tab = openTab();
  try {
    await openSession();
  } catch (error) {
    tab?.close();
    throw error;
  }
  if (!tab) return;
  tab.opener = null;
  tab.location.href = API_DOCS_PATH;
}
