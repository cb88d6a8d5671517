// The Content-Security-Policy of every page: scripts, styles, images and requests from this
// origin only, no inline script or style, no plugins, no framing, no <base> rewriting. Even if
// reporter text ever reached the page as markup, the browser would refuse to run it.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
