// The report module's public surface: the model, the renderers and the writer.
export type * from './model.ts';
export { renderAnnotations } from './annotations.ts';
export { formatConsoleSummary } from './console.ts';
export { renderHtml } from './html.ts';
export { renderJunit } from './junit.ts';
export { renderMarkdown } from './markdown.ts';
export { assertValidReport, reportProblems, writeReports, type WrittenReports } from './write.ts';
