/** A problem with the import's input or its result, shown to the moderator as is. */
export class ImportError extends Error {}

/** The source could not be read or fetched. */
export class SourceError extends ImportError {}
