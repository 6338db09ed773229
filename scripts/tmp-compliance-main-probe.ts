import { App } from 'cdktf';
import { type ComplianceResource, complianceReport, resourceInventory, writeComplianceReport } from '../modules/policy/compliance';
import type { PolicyReport } from '../modules/policy';
import { loadAppEnvironments } from '../stacks';
import { awsBaselineSection } from '../stacks/aws-baseline/config';
import { AWS_BASELINE_CONTROLS } from '../stacks/aws-baseline/controls';
import { azureBaselineSection } from '../stacks/azure-baseline/config';
import { AZURE_BASELINE_CONTROLS } from '../stacks/azure-baseline/controls';
import { gcpBaselineSection } from '../stacks/gcp-baseline/config';
import { GCP_BASELINE_CONTROLS } from '../stacks/gcp-baseline/controls';

const environments = loadAppEnvironments();
let resources: ComplianceResource[] = [];
resources = resourceInventory(new App());
declare const report: PolicyReport;
const staging = '/tmp/x';
writeComplianceReport(
  complianceReport(
    report,
    [
      { stack: 'aws-baseline', cisBenchmark: 'AWS', controls: AWS_BASELINE_CONTROLS },
      { stack: 'gcp-baseline', cisBenchmark: 'GCP', controls: GCP_BASELINE_CONTROLS },
      { stack: 'azure-baseline', cisBenchmark: 'Azure', controls: AZURE_BASELINE_CONTROLS },
    ],
    environments.map(({ file, config }) => ({
      name: config.name,
      source: file,
      frameworks: [
        ...config.section(awsBaselineSection).complianceFrameworks,
        ...config.section(gcpBaselineSection).complianceFrameworks,
        ...config.section(azureBaselineSection).complianceFrameworks,
      ],
    })),
    resources,
  ),
  staging,
);
