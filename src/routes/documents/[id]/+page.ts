// Document ids exist only in this browser's database, so this page cannot be prerendered.
export const prerender = false;
