import { describe, expect, it } from 'vitest';
import { isAbortError } from '$lib/errors';
import { SerialQueue } from './queue';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('SerialQueue', () => {
	it('runs one job at a time, in call order', async () => {
		const queue = new SerialQueue();
		const log: string[] = [];
		let running = 0;
		const job = (name: string, ms: number) => async () => {
			running++;
			expect(running).toBe(1);
			log.push(`start ${name}`);
			await tick(ms);
			log.push(`end ${name}`);
			running--;
			return name;
		};
		const results = await Promise.all([
			queue.run(job('a', 20)),
			queue.run(job('b', 1)),
			queue.run(job('c', 5))
		]);
		expect(results).toEqual(['a', 'b', 'c']);
		expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
	});

	it('goes on after a failed job', async () => {
		const queue = new SerialQueue();
		const failed = queue.run(async () => {
			throw new Error('boom');
		});
		const next = queue.run(async () => 'ok');
		await expect(failed).rejects.toThrow('boom');
		await expect(next).resolves.toBe('ok');
		await expect(queue.run(() => Promise.reject(new Error('sync')))).rejects.toThrow('sync');
		await expect(
			queue.run(() => {
				throw new Error('thrown');
			})
		).rejects.toThrow('thrown');
		await expect(queue.run(async () => 1)).resolves.toBe(1);
	});

	it('rejects a queued job whose signal aborts, without running it', async () => {
		const queue = new SerialQueue();
		const controller = new AbortController();
		let ran = false;
		const first = queue.run(() => tick(30).then(() => 'first'));
		const second = queue.run(async () => {
			ran = true;
		}, controller.signal);
		const third = queue.run(async () => 'third');
		expect(queue.pending).toBe(2);
		controller.abort();
		const error = await second.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(queue.pending).toBe(1);
		await expect(first).resolves.toBe('first');
		await expect(third).resolves.toBe('third');
		expect(ran).toBe(false);
	});

	it('rejects at once when the signal is already aborted', async () => {
		const queue = new SerialQueue();
		let ran = false;
		const error = await queue
			.run(async () => {
				ran = true;
			}, AbortSignal.abort())
			.catch((e: unknown) => e);
		expect(isAbortError(error)).toBe(true);
		expect(ran).toBe(false);
	});

	it('leaves an abort after the start to the job', async () => {
		const queue = new SerialQueue();
		const controller = new AbortController();
		const job = queue.run(async () => {
			await tick(10);
			return controller.signal.aborted ? 'partial' : 'full';
		}, controller.signal);
		await tick(1);
		controller.abort();
		await expect(job).resolves.toBe('partial');
	});
});
