/**
 * The Apex `Metadata` namespace classes the package uses, modelled in Apex itself (they are plain data
 * holders on the platform: public fields, no behaviour). Loaded into every org as a built-in unit.
 * `Metadata.Operations.enqueueDeployment` is deliberately absent: a deployment cannot run locally, so
 * calling it fails loudly. Inside this source, names resolve to the inner classes (`Metadata` is the
 * inner base class).
 */
export const METADATA_APEX_FILE = "<local-org>/Metadata.cls";

export const METADATA_APEX = `public class Metadata {
    public enum DeployStatus { Pending, InProgress, Succeeded, SucceededPartial, Failed, Canceling, Canceled }

    public virtual class Metadata {
        public String fullName;
    }

    public class CustomMetadataValue {
        public String field;
        public Object value;
    }

    public class CustomMetadata extends Metadata {
        public String label;
        public String description;
        public Boolean protected_x;
        public List<CustomMetadataValue> values = new List<CustomMetadataValue>();
    }

    public class DeployContainer {
        private List<Metadata> items = new List<Metadata>();
        public void addMetadata(Metadata md) {
            items.add(md);
        }
        public List<Metadata> getMetadata() {
            return items;
        }
        public void removeMetadata(Metadata md) {
            Integer i = items.indexOf(md);
            if (i >= 0) {
                items.remove(i);
            }
        }
        public void removeMetadataByFullName(String fullName) {
            for (Integer i = items.size() - 1; i >= 0; i--) {
                if (items[i].fullName == fullName) {
                    items.remove(i);
                }
            }
        }
    }

    public class DeployMessage {
        public Boolean changed;
        public Integer columnNumber;
        public String componentType;
        public Boolean created;
        public Datetime createdDate;
        public Boolean deleted;
        public String fileName;
        public String fullName;
        public String id;
        public Integer lineNumber;
        public String problem;
        public String problemType;
        public Boolean success;
    }

    public class DeployDetails {
        public List<DeployMessage> componentFailures;
        public List<DeployMessage> componentSuccesses;
    }

    public class DeployResult {
        public Id id;
        public DeployStatus status;
        public Boolean success;
        public Boolean done;
        public Boolean checkOnly;
        public Boolean ignoreWarnings;
        public Boolean rollbackOnError;
        public String errorMessage;
        public String errorStatusCode;
        public String stateDetail;
        public Integer numberComponentErrors;
        public Integer numberComponentsDeployed;
        public Integer numberComponentsTotal;
        public Datetime createdDate;
        public Datetime startDate;
        public Datetime completedDate;
        public String createdBy;
        public String createdByName;
        public DeployDetails details;
    }

    public class DeployCallbackContext {
        public Id getCallbackJobId() {
            return null;
        }
    }

    public interface DeployCallback {
        void handleResult(DeployResult result, DeployCallbackContext context);
    }
}
`;
