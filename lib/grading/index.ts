export * from "./errors";
export * from "./free-text";
export * from "./grade-answer";
export * from "./lab";
export * from "./level";
export * from "./multiple-choice";
export * from "./numeric";
export * from "./ordering";
export * from "./quantity";
export * from "./rubric";
export * from "./single-choice";
export * from "./tolerance";
export * from "./units";
export {
  analyzeText,
  findPhrase,
  parseConceptPhrase,
  type AnalyzedText,
  type ConceptPhrase,
  type PhraseMatch,
} from "./text/phrase";
