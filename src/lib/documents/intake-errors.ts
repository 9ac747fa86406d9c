import { EnclaveError } from '$lib/errors';

/** Every code document intake can fail with; messages.ts must word each one in every language. */
export const INTAKE_ERROR_CODES = [
	'intake.unsupported',
	'intake.empty',
	'intake.tooLarge',
	'intake.binary',
	'intake.noText',
	'intake.pdfPassword',
	'intake.pdfPasswordWrong',
	'intake.pdfNoText',
	'intake.pdfCorrupt',
	'intake.docxCorrupt',
	'intake.docxProtected'
] as const;

export type IntakeErrorCode = (typeof INTAKE_ERROR_CODES)[number];

/** Params name the file and facts about it (size, pages), never its content. */
export class IntakeError extends EnclaveError {
	declare readonly code: IntakeErrorCode;

	constructor(
		code: IntakeErrorCode,
		params: Record<string, string | number>,
		options?: { cause?: unknown }
	) {
		super(code, params, options);
		this.name = 'IntakeError';
	}
}
