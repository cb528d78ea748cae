//go:build !nos3

package media_test

import "testing"

// Opening an S3-compatible bucket (MinIO, Garage, Ceph, …) makes no request yet, so the
// URL form is tested here without a server.
func TestOpenStorageS3URL(t *testing.T) {
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	s := openStorage(t, "s3://kopru-media?region=eu-central-1&endpoint=http://127.0.0.1:9000&use_path_style=true")
	if s == nil {
		t.Fatal("no storage")
	}
}
