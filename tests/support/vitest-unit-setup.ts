// Unit tests run without the app's environment, but what they call may read it (cursors are signed
// with a key derived from NEXTAUTH_SECRET). The database URL is never connected to.
process.env.DATABASE_URL ??= "postgres://unit-tests@localhost:1/unit-tests";
process.env.NEXTAUTH_SECRET ??= "unit-tests-secret-unit-tests-secret-unit-tests";
