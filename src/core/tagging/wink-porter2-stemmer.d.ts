declare module "wink-porter2-stemmer" {
  /** Porter2 (English) stem of a single lower-case word. */
  function stem(word: string): string;
  export = stem;
}
