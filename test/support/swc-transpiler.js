'use strict';
/* global require, exports */
/*
 * ts-node's transpiler for the tests (tsconfig.tap.json): swc instead of TypeScript's own
 * transpileModule, which spent ~1.4 s of every test file's start-up turning the app's import
 * graph into JavaScript. Type-checking stays with `npm run typecheck`. The options follow
 * tsconfig.json — legacy decorators with metadata (class-validator, typeorm), class fields with
 * assignment semantics (useDefineForClassFields: false), CommonJS with real dynamic import() —
 * which ts-node's built-in swc mapping does not all carry over.
 */
// CommonJS: ts-node loads its transpiler with require(), before any TypeScript can run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transformSync } = require('@swc/core');

exports.create = function create() {
  const options = {
    swcrc: false,
    sourceMaps: true,
    module: { type: 'commonjs', strictMode: true, noInterop: false, ignoreDynamic: true },
    jsc: {
      target: 'es2022',
      keepClassNames: true,
      parser: { syntax: 'typescript', tsx: false, decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
  };
  return {
    transpile(input, { fileName }) {
      const { code, map } = transformSync(input, { ...options, filename: fileName });
      return { outputText: code, sourceMapText: map };
    },
  };
};
