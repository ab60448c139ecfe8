// Platform module declarations published by Salesforce (lightning/card, @salesforce/user/Id, ...).
import '@salesforce/lightning-types';
