// The generator library (tools/generator) is being written; this keeps the target valid.
namespace parmetrics::generator {
int placeholder() { return 0; }
}  // namespace parmetrics::generator
