export { extractExample, type ReadmeExample, readmeExample } from './readme-example.js';
