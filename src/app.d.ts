// Types of SvelteKit's App namespace for this app.
declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
