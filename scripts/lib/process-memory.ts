/**
 * Resident memory of a process tree, read from Linux's /proc (used by `npm run bench`).
 *
 * Two measures, both in kB:
 * - `rssSumKb`: the sum of every process's resident memory (VmRSS).
 * - `fileOnceKb`: the tree's memory with each executable's file pages counted once: every
 *   process's anonymous and shared-memory pages (RssAnon, RssShmem: its own heap and stacks) plus,
 *   per executable, the largest file-backed resident size (RssFile) among its processes.
 *
 * The sum counts a binary's pages once per process that runs it, although they are the same pages
 * of the page cache: `npm run synth` is two Node processes (npm's and the app's), each with about
 * 44 MB of node's own code resident. VmRSS = RssAnon + RssFile + RssShmem, so for a tree of one
 * process both measures are equal. Taking the largest RssFile per executable (not the union of
 * the pages, which /proc does not give cheaply) can only undercount pages that one process of an
 * executable maps and another does not; file pages shared between different executables (libc)
 * are still counted once per executable. /proc/<pid>/status is read, not smaps: about 0.02 ms per
 * process instead of about 3 ms, so sampling every 50 ms does not slow the measured run.
 */
import * as fs from 'node:fs';

/** A process's resident memory by kind (kB) and its executable. */
export interface ProcessMemory {
  readonly pid: number;
  readonly exe: string;
  readonly rssKb: number;
  readonly anonKb: number;
  readonly fileKb: number;
  readonly shmemKb: number;
}

/** The memory of a process tree at one moment (see the file's comment). */
export interface TreeMemory {
  readonly rssSumKb: number;
  readonly fileOnceKb: number;
  readonly processes: readonly ProcessMemory[];
}

/** The direct children of a process (every thread's), empty when it has ended. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // the process ended between two reads
  }
  return out;
}

/** One process's memory, or undefined when it has ended. */
export function processMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  let exe: string;
  try {
    exe = fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    // ended, or not ours to read: its file pages are counted on their own
    exe = `pid ${pid}`;
  }
  return { pid, exe, rssKb: kb('VmRSS'), anonKb: kb('RssAnon'), fileKb: kb('RssFile'), shmemKb: kb('RssShmem') };
}

/** The memory of `root` and every process below it. */
export function treeMemory(root: number): TreeMemory {
  const processes: ProcessMemory[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const m = processMemory(pid);
    if (m) processes.push(m);
    stack.push(...childrenOf(pid));
  }
  let rssSumKb = 0;
  let ownKb = 0;
  const fileByExe = new Map<string, number>();
  for (const p of processes) {
    rssSumKb += p.rssKb;
    ownKb += p.anonKb + p.shmemKb;
    fileByExe.set(p.exe, Math.max(fileByExe.get(p.exe) ?? 0, p.fileKb));
  }
  let fileKb = 0;
  for (const kb of fileByExe.values()) fileKb += kb;
  return { rssSumKb, fileOnceKb: ownKb + fileKb, processes };
}
