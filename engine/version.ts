/** The engine's version, stamped on every result (a test keeps it equal to package.json's). */
export const ENGINE_NAME = "bcase";
export const ENGINE_VERSION = "0.1.0";
