import * as core from '@actions/core';
import { Inputs } from '../../lib/inputs.js';

export async function main(): Promise<void> {
  const inputs = new Inputs();
  const url = inputs.string('url', { example: 'https://example.com/health' });
  core.setOutput('passed', 'true');
  core.info(url);
}
