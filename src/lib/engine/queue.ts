/**
 * One job at a time, in call order. An engine holds one model on one GPU: two generations at once
 * would compete for memory, and web-llm rejects concurrent requests on the same model.
 */
export function abortError(): DOMException {
	return new DOMException('The operation was aborted.', 'AbortError');
}

interface Job {
	start: () => void;
}

export class SerialQueue {
	#jobs: Job[] = [];
	#running = false;

	/** Runs `fn` after every earlier job has settled. Aborting while queued rejects without running. */
	run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			if (signal?.aborted) return reject(abortError());
			const onAbort = () => {
				const index = this.#jobs.indexOf(job);
				if (index === -1) return; // already started: the job itself handles the abort
				this.#jobs.splice(index, 1);
				reject(abortError());
			};
			const job: Job = {
				start: () => {
					signal?.removeEventListener('abort', onAbort);
					void Promise.resolve()
						.then(fn)
						.then(resolve, reject)
						.finally(() => {
							this.#running = false;
							this.#next();
						});
				}
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.#jobs.push(job);
			this.#next();
		});
	}

	/** Jobs waiting, not counting the one running. */
	get pending(): number {
		return this.#jobs.length;
	}

	#next(): void {
		if (this.#running) return;
		const job = this.#jobs.shift();
		if (!job) return;
		this.#running = true;
		job.start();
	}
}
