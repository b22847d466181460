/** Types of django-hashes.js (plain JavaScript: it runs in the hash worker processes). */
export function isDjangoHash(encoded: string): boolean;
export function verifyDjangoHash(encoded: string, password: string): boolean;
