const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

/** Jest for the Lightning Web Components (TypeScript sources and tests). */
module.exports = {
    ...jestConfig,
    roots: ['<rootDir>/force-app'],
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/dist'],
    setupFilesAfterEnv: ['<rootDir>/force-app/test/jest-setup.js'],
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**'],
    coverageDirectory: '<rootDir>/reports/jest-coverage',
    testPathIgnorePatterns: ['/node_modules/', '/dist/']
};
