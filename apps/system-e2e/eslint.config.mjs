import baseConfig from '../../eslint.config.mjs';

// The system tests compose the real apps; these three entry points are the only app imports allowed.
export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: ['^@scim/(scim-gateway|settings-service|token-service)$'],
          depConstraints: [{ sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:lib'] }],
        },
      ],
    },
  },
];
