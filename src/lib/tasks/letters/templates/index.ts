/** The letter templates shipped with Enclave; read-only in the app, duplicated to be edited. */
import type { LetterTemplate } from '../template';
import dischargeSummaryDe from './discharge-summary.de.json';
import dischargeSummaryEn from './discharge-summary.en.json';
import patientExplanationDe from './patient-explanation.de.json';
import patientExplanationEn from './patient-explanation.en.json';
import physicianLetterDe from './physician-letter.de.json';
import physicianLetterEn from './physician-letter.en.json';
import radiologyReportDe from './radiology-report.de.json';
import radiologyReportEn from './radiology-report.en.json';
import tumorBoardDe from './tumor-board.de.json';
import tumorBoardEn from './tumor-board.en.json';

// JSON imports type `lang` and `kind` as plain strings; templates.spec.ts checks every file with
// checkLetterTemplate, which enforces what the cast assumes.
export const builtInLetterTemplates: LetterTemplate[] = [
	physicianLetterDe,
	physicianLetterEn,
	dischargeSummaryDe,
	dischargeSummaryEn,
	radiologyReportDe,
	radiologyReportEn,
	tumorBoardDe,
	tumorBoardEn,
	patientExplanationDe,
	patientExplanationEn
] as LetterTemplate[];

export function findBuiltInLetterTemplate(id: string): LetterTemplate | undefined {
	return builtInLetterTemplates.find((t) => t.id === id);
}
