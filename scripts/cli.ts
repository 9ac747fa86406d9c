/**
 * The shell of every `eval:*` command: runs its main and turns a failure into one line on
 * stderr, in the words the app would use, without a stack trace for errors it knows.
 */
import { EnclaveError, isAbortError } from '$lib/errors';

type Messages = Record<string, (p: Record<string, string | number>) => string>;

export async function runCli(
	name: string,
	main: (argv: string[]) => Promise<number>,
	messages: Messages = {}
): Promise<void> {
	try {
		process.exitCode = await main(process.argv.slice(2));
	} catch (err) {
		if (err instanceof EnclaveError) {
			const message = messages[err.code];
			const params = Object.entries(err.params)
				.map(([k, v]) => `${k}=${v}`)
				.join(', ');
			console.error(
				message
					? `${name}: ${message(err.params)} [${err.code}]`
					: `${name}: ${err.code}${params ? ` (${params})` : ''}`
			);
		} else if (isAbortError(err)) {
			console.error(`${name}: cancelled`);
			process.exitCode = 130;
			return;
		} else if (err instanceof Error && 'path' in err && 'code' in err) {
			// A file that could not be read: say which.
			console.error(`${name}: cannot read ${String(err.path)} (${String(err.code)})`);
		} else {
			console.error(err);
		}
		process.exitCode = 1;
	}
}
