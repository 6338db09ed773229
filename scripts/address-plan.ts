/** `npm run plan`: prints the cross-cloud address plan of the environments as a Markdown table. */
import { loadAppEnvironments } from '../stacks';
import { addressPlanMarkdown } from '../stacks/environment/address-plan';

console.log(addressPlanMarkdown(loadAppEnvironments().map((e) => e.config)));
