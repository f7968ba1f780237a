import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The dashboard's stylesheet and scripts, served by Outbound itself under `/assets/…` (no CDN, no build step).
enum DashboardAssets {
    /// The files by name, read once from `DashboardResources/assets`.
    static let files: [String: ByteBuffer] = {
        guard
            let folder = Bundle.module.url(
                forResource: "assets", withExtension: nil, subdirectory: "DashboardResources"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [:] }
        var files: [String: ByteBuffer] = [:]
        for name in names {
            if let data = try? Data(contentsOf: folder.appendingPathComponent(name)) {
                files[name] = ByteBuffer(bytes: data)
            }
        }
        return files
    }()

    /// The asset `name`, or 404.
    static func response(_ name: String) -> Response {
        guard let body = files[name] else { return Response(status: .notFound) }
        let type =
            name.hasSuffix(".css")
            ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/plain"
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=300"],
            body: ResponseBody(byteBuffer: body))
    }
}
