/**
 * The Apex `Metadata` namespace classes the package uses, modelled in Apex itself (they are plain data
 * holders on the platform: public fields, no behaviour). Loaded into every org as a built-in unit.
 * `Metadata.Operations.enqueueDeployment` deploys custom metadata records asynchronously, as on the
 * platform: a queued job validates the whole container and writes it only when every record is valid
 * (`metadataDeploy.ts`), then calls the callback with the result. Other metadata types are not deployable
 * from Apex in a subscriber org and fail the deployment. Inside this source, names resolve to the inner
 * classes (`Metadata` is the inner base class).
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

    public class Operations {
        public static Id enqueueDeployment(DeployContainer container, DeployCallback callback) {
            if (container == null) {
                throw new NullPointerException();
            }
            // refuses in a test context, as the platform does
            System.localOrgDeployCustomMetadata(new List<String>(), new List<String>(), new List<Object>(), false);
            return System.enqueueJob(new LocalDeployment(container, callback));
        }
    }

    public class LocalDeployment implements Queueable {
        private DeployContainer container;
        private DeployCallback callback;

        public LocalDeployment(DeployContainer container, DeployCallback callback) {
            this.container = container;
            this.callback = callback;
        }

        public void execute(QueueableContext context) {
            List<String> names = new List<String>();
            List<String> labels = new List<String>();
            List<Object> values = new List<Object>();
            List<String> problems = new List<String>();
            for (Metadata item : container.getMetadata()) {
                if (!(item instanceof CustomMetadata)) {
                    problems.add(item.fullName + ': only custom metadata records can be deployed from Apex');
                    continue;
                }
                CustomMetadata record = (CustomMetadata) item;
                Map<String, Object> fields = new Map<String, Object>();
                for (CustomMetadataValue v : record.values) {
                    fields.put(v.field, v.value);
                }
                names.add(record.fullName);
                labels.add(record.label);
                values.add(fields);
            }
            if (problems.isEmpty()) {
                problems.addAll(System.localOrgDeployCustomMetadata(names, labels, values, true));
            }
            DeployResult result = new DeployResult();
            result.id = context.getJobId();
            result.done = true;
            result.success = problems.isEmpty();
            result.status = result.success ? DeployStatus.Succeeded : DeployStatus.Failed;
            result.numberComponentsTotal = container.getMetadata().size();
            result.numberComponentErrors = problems.size();
            result.numberComponentsDeployed = result.success ? result.numberComponentsTotal : 0;
            result.completedDate = Datetime.now();
            result.details = new DeployDetails();
            result.details.componentFailures = new List<DeployMessage>();
            result.details.componentSuccesses = new List<DeployMessage>();
            for (String problem : problems) {
                DeployMessage message = new DeployMessage();
                message.fullName = problem.substringBefore(': ');
                message.problem = problem.substringAfter(': ');
                message.problemType = 'Error';
                message.success = false;
                result.details.componentFailures.add(message);
            }
            if (!result.success) {
                result.errorMessage = String.join(problems, '; ');
            }
            if (callback != null) {
                callback.handleResult(result, new DeployCallbackContext());
            }
        }
    }
}
`;
