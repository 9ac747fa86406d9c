// Ids exist only in this browser's database.
export const prerender = false;
