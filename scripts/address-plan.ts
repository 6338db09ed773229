/** `npm run plan`: prints the cross-cloud address plan of the environments as a Markdown table. */
import { addressPlanMarkdown } from '../modules/core/address-plan';
import { loadEnvironments } from '../modules/core/config/load';

console.log(addressPlanMarkdown(loadEnvironments().map((e) => e.config)));
