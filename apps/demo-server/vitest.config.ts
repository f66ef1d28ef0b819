import { latchVitestConfig } from '../../vitest.shared.ts';

export default latchVitestConfig(import.meta.url);
