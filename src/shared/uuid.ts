const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are opaque strings to clients; ours are UUIDs, and anything else matches nothing (contract header). */
export const isUuid = (s: string): boolean => UUID.test(s);
