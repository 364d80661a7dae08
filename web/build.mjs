// Bundles the app into the jar's META-INF/resources (served by the gateway at /), or with
// --tests the unit tests into target/web-tests for `node --test`, or with --watch rebuilds the
// app on every change.
import * as esbuild from 'esbuild';
import { cp, mkdir, readdir } from 'node:fs/promises';

const outdir = process.env.WEB_OUTDIR ?? 'target/classes/META-INF/resources';
// index.html at the root (the gateway serves it at /), everything it loads under assets/ (one
// Ingress path for all of them)
const staticFiles = { 'index.html': 'index.html', 'favicon.svg': 'assets/favicon.svg' };

// zone.js, which keeps the trace context across awaits, cannot see native async/await: lowered to
// generators, every await goes through the global Promise it patches.
const zoneFriendly = { 'async-await': false, 'async-generator': false, 'for-await': false };

const app = {
  entryPoints: [
    { in: 'src/main.ts', out: 'assets/app' },
    { in: 'src/app.css', out: 'assets/app' },
  ],
  outdir,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  target: 'es2022',
  supported: zoneFriendly,
  logLevel: 'warning',
};

async function copyStatic() {
  await mkdir(`${outdir}/assets`, { recursive: true });
  await Promise.all(Object.entries(staticFiles).map(([file, target]) => cp(`src/${file}`, `${outdir}/${target}`)));
}

async function buildTests() {
  const tests = (await readdir('test')).filter((file) => file.endsWith('.test.ts'));
  await esbuild.build({
    entryPoints: tests.map((file) => `test/${file}`),
    outdir: 'target/web-tests',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

if (process.argv.includes('--tests')) {
  await buildTests();
} else if (process.argv.includes('--watch')) {
  await copyStatic();
  const context = await esbuild.context({ ...app, logLevel: 'info' });
  await context.watch();
} else {
  await copyStatic();
  await esbuild.build(app);
}
