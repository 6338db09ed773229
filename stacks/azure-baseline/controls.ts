import type { BaselineControl } from '../gcp-baseline/controls';

/** The CIS benchmark the `cis` ids of {@link AZURE_BASELINE_CONTROLS} refer to. */
export const AZURE_CIS_BENCHMARK = 'CIS Microsoft Azure Foundations Benchmark v2.0.0';

/**
 * The controls `<env>-azure-baseline` implements. CIS ids are given only where the recommendation
 * is the resource itself (the Defender plan recommendations are numbered differently across
 * benchmark versions, so none is claimed).
 */
export const AZURE_BASELINE_CONTROLS: readonly BaselineControl[] = [
  {
    id: 'AZ-BL-ACTIVITY-LOG',
    summary: 'Subscription activity log (all categories) to Log Analytics and to an immutable (WORM) storage container',
    resourceTypes: [
      'azurerm_monitor_diagnostic_setting',
      'azurerm_log_analytics_workspace',
      'azurerm_storage_account',
      'azurerm_storage_container',
      'azurerm_storage_container_immutability_policy',
    ],
    frameworks: {
      soc2: ['CC7.2'],
      hipaa: ['164.312(b)', '164.312(c)(1)'],
      pci: ['10.2.1', '10.2.1.2', '10.3.2', '10.3.3', '10.5.1'],
      gdpr: ['Art. 32'],
      cis: ['5.1.1', '5.1.2', '5.1.3'],
    },
  },
  {
    id: 'AZ-BL-DEFENDER',
    summary: 'Microsoft Defender for Cloud plans (threat detection) for the resource types used',
    resourceTypes: ['azurerm_security_center_subscription_pricing'],
    frameworks: {
      soc2: ['CC6.8', 'CC7.2'],
      hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(B)'],
      pci: ['5.2.1', '11.5.1'],
      gdpr: ['Art. 32'],
      cis: [],
    },
  },
  {
    id: 'AZ-BL-POLICY-BENCHMARK',
    summary: 'Microsoft cloud security benchmark initiative assigned to the subscription, exemptions with reasons',
    resourceTypes: ['azurerm_subscription_policy_assignment', 'azurerm_subscription_policy_exemption'],
    frameworks: {
      soc2: ['CC7.1'],
      hipaa: [],
      pci: ['2.2.1'],
      gdpr: ['Art. 25', 'Art. 32'],
      cis: [],
    },
  },
];
