//go:build !nos3

package media

// The S3 driver (the AWS SDK) adds about 12 MB to the binary; a single-instance build
// that keeps media on local disk can leave it out with -tags nos3.
import _ "gocloud.dev/blob/s3blob" // registers s3:// with blob.OpenBucket
