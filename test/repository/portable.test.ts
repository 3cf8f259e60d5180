import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import t from 'tap';

/**
 * A fresh machine is the test: no tracked file may name where this checkout happens to live (its
 * own absolute path, the folder around it, the home directory), and nothing in src/ or test/ may
 * reach for the steering repository's shared folder beside the checkout. Only provenance notes in
 * test/fixtures/ may name that folder, as where a fixture was copied from. The paths are this
 * run's, so the test works wherever the repository is cloned.
 */

const root = resolve(__dirname, '..', '..');
const sharedFolder = ['..', 'shared'].join('/'); // spelled out, it would be a hit in this very file

function trackedFiles(): string[] | undefined {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\0')
      .filter(Boolean);
  } catch {
    return undefined;
  }
}

/** A path as it would be written: not part of a longer name (`/a/b` is not in `/a/bc` or `x/a/b`). */
function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.~/-])${escaped}(?![\\w.~-])`);
}

const files = trackedFiles();
if (!files) {
  t.plan(0, `not a git checkout (git ls-files failed in ${root}): nothing to scan`);
} else {
  const absolute = [root, dirname(root), homedir()].filter((path, index, all) => path !== '/' && all.indexOf(path) === index);

  t.test('no tracked text file contains an absolute path of this machine', async (t) => {
    t.ok(files.length > 50, `scanned ${files.length} tracked files`);
    const hits: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // tracked but deleted in the work tree
      }
      if (text.includes('\0')) continue; // binary
      const lines = text.split('\n');
      for (const path of absolute) {
        const pattern = pathPattern(path);
        lines.forEach((line, index) => {
          if (pattern.test(line)) hits.push(`${file}:${index + 1}: ${path}`);
        });
      }
    }
    t.same(hits, [], `none names ${absolute.join(', ')}`);
  });

  t.test(`nothing in src/ or test/ reads ${sharedFolder} (fixtures live in the repository)`, async (t) => {
    const hits: string[] = [];
    for (const file of files.filter((f) => /^(src|test)\//.test(f) && !f.startsWith('test/fixtures/'))) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue;
      }
      text.split('\n').forEach((line, index) => {
        if (line.includes(sharedFolder)) hits.push(`${file}:${index + 1}`);
      });
    }
    t.same(hits, [], `no ${sharedFolder} outside test/fixtures/ provenance notes`);
  });

  t.test('the scan finds what it looks for', async (t) => {
    t.ok(pathPattern(root).test(`read ${root}/src/app.ts`), 'the checkout path in a sentence');
    t.ok(pathPattern(root).test(`'${root}'`), 'in quotes');
    const example = ['', 'opt', 'example'].join('/'); // not spelled out: a clone could live there
    t.ok(pathPattern(example).test(`cd ${example}/app`), 'another path in a command');
    t.notOk(pathPattern(example).test(`${example}s/app`), 'a longer name is not a hit');
    t.notOk(pathPattern(example).test(`docs${example}/notes`), 'nor a relative path ending in the same name');
  });
}
