/**
 * A department's structure learned from its confirmed programs: programs named alike within one department
 * ("Wastewater Administration", "Storm Water Administration", "Streets Administration") are filed alike when the
 * department's own confirmations agree. A word of a program's name (not a word of its department's name, and one
 * that names no work clearly on its own: the caller's `isRole`) speaks for the department's other programs that
 * carry it once two or more of its confirmed programs carry it and all of them sit under one priority; one
 * confirmation shows no agreement, and a word confirmed under two priorities says nothing. It speaks across works
 * only when its confirmed programs already span two works (speaksFor). A program whose name carries words that
 * agree on different priorities is left to the other stages. Words one letter apart are one word (sameWord).
 *
 * Pure: plain programs in, a look-up out. Nothing here names a city's words; the words are whatever the city's own
 * program names share.
 */
import { tokenize } from "./text";

/** A confirmed program as the namesake rule reads it. */
export interface NamesakeTeacher<T> {
  department: string;
  /** The program's own name (not its department's). */
  name: string;
  priorityId: string;
  /** The work its name names clearly (a function index), or -1 when none. */
  work: number;
  /** What the caller wants back (the confirmed line, its tag). */
  teacher: T;
}

/** What a namesake teaches a program: the priority, the shared word and the confirmations that agree on it. */
export interface NamesakeLesson<T> {
  priorityId: string;
  word: string;
  teachers: T[];
}

export interface Namesakes<T> {
  /** The lesson for a program of `department` named `name`, or null when its department's confirmations say none. */
  lessonFor(department: string, name: string, work: number): NamesakeLesson<T> | null;
}

/** Confirmations of a name word in one department: under which priorities, and by which teachers. */
interface WordVotes<T> {
  word: string;
  priorities: Set<string>;
  teachers: T[];
  /** The works its teachers' names name clearly. */
  works: Set<number>;
}

/**
 * Whether confirmations of a word whose names name `works` speak for a program of `work`: across works only when
 * they already span two or more (the department files the word's programs alike whatever their work); otherwise
 * for programs of their own work or of none clearly ("Production Engineering" and "Data Center & Production
 * Support" say nothing of "Housing Production").
 */
function speaksFor(works: ReadonlySet<number>, work: number): boolean {
  return works.size >= 2 || work < 0 || works.size === 0 || works.has(work);
}

/** Distinct words of a program's name (by stem) that are not words of its department's name. */
function nameWords(
  department: string,
  name: string,
  isRole: (word: string) => boolean
): { stem: string; word: string }[] {
  const dept = new Set(tokenize(department).map((t) => t.stem));
  const out = new Map<string, string>();
  for (const t of tokenize(name))
    if (!dept.has(t.stem) && t.stem.length >= 3 && !out.has(t.stem) && isRole(t.word))
      out.set(t.stem, t.word);
  return [...out].map(([stem, word]) => ({ stem, word }));
}

/**
 * Whether two stems are one word: equal, or, both of TYPO_LENGTH letters or more, one letter apart (added, dropped
 * or changed: "admininstration" is "administration" as typed). Program names are typed by people.
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < TYPO_LENGTH || b.length < TYPO_LENGTH || Math.abs(a.length - b.length) > 1)
    return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return a.length - i - j <= 1 && b.length - i - j <= 1;
}

/** Shortest stem read as possibly mistyped (shorter words differ by a letter as different words: "main", "maid"). */
export const TYPO_LENGTH = 7;

function departmentKey(department: string): string {
  return department.trim().toLowerCase();
}

/** The department's entry for a stem, matched as sameWord reads it. */
function entryOf<T>(words: Map<string, WordVotes<T>>, stem: string): WordVotes<T> | undefined {
  const exact = words.get(stem);
  if (exact) return exact;
  for (const [k, v] of words) if (sameWord(k, stem)) return v;
  return undefined;
}

/**
 * The namesake rule over a city's confirmed programs (each once). `minAgreeing` confirmations of a word under one
 * priority, and none under another, make it speak (2: one confirmation shows no agreement). `isRole` says which
 * words may speak: the engine passes the words that name no work clearly on their own ("administration",
 * "operations", "maintenance"), since a word that names work is taught by the function rule across departments.
 */
export function namesakeTeaching<T>(
  confirmed: readonly NamesakeTeacher<T>[],
  isRole: (word: string) => boolean = () => true,
  minAgreeing = 2
): Namesakes<T> {
  // A word is read once per teaching (isRole reads the taxonomy), not once per line.
  const roles = new Map<string, boolean>();
  const role = (w: string) => {
    let r = roles.get(w);
    if (r === undefined) roles.set(w, (r = isRole(w)));
    return r;
  };
  const byDepartment = new Map<string, Map<string, WordVotes<T>>>();
  for (const c of confirmed) {
    const dk = departmentKey(c.department);
    let words = byDepartment.get(dk);
    if (!words) byDepartment.set(dk, (words = new Map()));
    for (const { stem, word } of nameWords(c.department, c.name, role)) {
      let v = entryOf(words, stem);
      if (!v)
        words.set(stem, (v = { word, priorities: new Set(), teachers: [], works: new Set() }));
      v.priorities.add(c.priorityId);
      v.teachers.push(c.teacher);
      if (c.work >= 0) v.works.add(c.work);
    }
  }
  return {
    lessonFor(department: string, name: string, work: number): NamesakeLesson<T> | null {
      const words = byDepartment.get(departmentKey(department));
      if (!words) return null;
      let lesson: NamesakeLesson<T> | null = null;
      for (const { stem, word } of nameWords(department, name, role)) {
        const v = entryOf(words, stem);
        if (!v || v.priorities.size !== 1 || v.teachers.length < minAgreeing) continue;
        if (!speaksFor(v.works, work)) continue;
        const p = [...v.priorities][0];
        // Words that agree on different priorities: the name does not say which.
        if (lesson && lesson.priorityId !== p) return null;
        if (!lesson || v.teachers.length > lesson.teachers.length)
          lesson = { priorityId: p, word, teachers: v.teachers };
      }
      return lesson;
    },
  };
}
