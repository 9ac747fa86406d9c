/** The templates shipped with Enclave; read-only in the app, duplicated to be edited. */
import type { ExtractionTemplate } from '../template';
import dischargeHeaderDe from './discharge-header.de.json';
import dischargeHeaderEn from './discharge-header.en.json';
import medicationListDe from './medication-list.de.json';
import medicationListEn from './medication-list.en.json';
import pulmonaryEmbolismDe from './pulmonary-embolism.de.json';
import pulmonaryEmbolismEn from './pulmonary-embolism.en.json';
import tnmStagingDe from './tnm-staging.de.json';
import tnmStagingEn from './tnm-staging.en.json';

// JSON imports type `language` and the merge rules as plain strings; templates.spec.ts checks
// every file with checkTemplate, which enforces what the cast assumes.
export const builtInTemplates: ExtractionTemplate[] = [
	dischargeHeaderDe,
	dischargeHeaderEn,
	tnmStagingDe,
	tnmStagingEn,
	medicationListDe,
	medicationListEn,
	pulmonaryEmbolismDe,
	pulmonaryEmbolismEn
] as ExtractionTemplate[];
