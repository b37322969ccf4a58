import { arch, platform, release } from 'node:os';
import type { RunRecord } from '@modelgate/core';
import { probe, probeOutput } from './probe.ts';

type Environment = Pick<RunRecord['lineage'], 'runtime' | 'os' | 'gpu'>;

/** Runtime versions, OS and GPU presence, probed with the same PATH the training command sees. */
export async function environmentLineage(cwd: string, env: Record<string, string | undefined>): Promise<Environment> {
  const options = { cwd, env };
  const [python3, gpus] = await Promise.all([probe('python3', ['--version'], options), probe('nvidia-smi', ['-L'], options)]);
  const python = probeOutput(python3) ?? probeOutput(await probe('python', ['--version'], options));
  // nvidia-smi without a working driver fails: present, but no GPU to use.
  const devices = (probeOutput(gpus) ?? '').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('GPU '));
  return {
    runtime: { node: process.versions.node, python: python ? python.replace(/^Python\s+/i, '') : null },
    os: { platform: platform(), release: release(), arch: arch(), runner_os: env.RUNNER_OS ?? null },
    gpu: { present: devices.length > 0, devices, detected_by: gpus.status === 'missing' ? null : 'nvidia-smi -L' },
  };
}
