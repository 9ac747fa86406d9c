// A single-page app: no server rendering; every static route is prerendered as the same shell.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
