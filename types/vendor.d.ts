/** Test-only emulators without type definitions. */
declare module 's3rver';
declare module 'dynalite';
