import CampaignCore
import Foundation
import HTTPServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("/openapi.json is generated from the route table the router is built from")
struct OpenAPIDocumentTests {
    let document = OpenAPIDocument.document(for: APIRoutes.all)

    @Test("every route of the table is in the document, with its method, parameters and response codes")
    func everyRouteIsDescribed() throws {
        #expect(document["openapi"]?.string == "3.1.0")
        let paths = try #require(document["paths"])
        for route in APIRoutes.all {
            let operation = try #require(
                paths[route.path]?[route.method.rawValue.lowercased()], "\(route.method) \(route.path) is missing")
            #expect(operation["operationId"]?.string == route.operationId)
            let names = operation["parameters"]?.items.compactMap { $0["name"]?.string } ?? []
            let idempotency = route.acceptsIdempotencyKey ? ["Idempotency-Key"] : []
            #expect(names == route.parameters.map(\.name) + route.headers.map(\.name) + idempotency)
            for parameter in route.parameters {
                let described = operation["parameters"]?.items.first { $0["name"]?.string == parameter.name }
                #expect(described?["in"]?.string == parameter.location.rawValue)
                #expect(described?["schema"] == parameter.schema.value)
            }
            guard case .object(let responses)? = operation["responses"] else {
                Issue.record("\(route.operationId) has no responses")
                continue
            }
            let expected = Set(route.responses.map { String($0.status) } + route.errorStatuses.map(String.init))
            #expect(Set(responses.keys) == expected, "\(route.operationId)")
            #expect((operation["requestBody"] != nil) == (route.requestBody != nil))
            let secured = !(operation["security"]?.items.isEmpty ?? true)
            #expect(secured == (route.access != .anyone))
        }
    }

    @Test("the document has no operation the table lacks, and operation ids are unique")
    func nothingElse() throws {
        guard case .object(let paths)? = document["paths"] else { throw DocumentError.noPaths }
        var operations = 0
        for (path, item) in paths {
            guard case .object(let methods) = item else { continue }
            for method in methods.keys {
                operations += 1
                #expect(APIRoutes.all.contains { $0.path == path && $0.method.rawValue.lowercased() == method })
            }
        }
        #expect(operations == APIRoutes.all.count)
        #expect(Set(APIRoutes.all.map(\.operationId)).count == APIRoutes.all.count)
    }

    @Test("every $ref names a component schema")
    func referencesResolve() throws {
        guard case .object(let schemas)? = document["components"]?["schemas"] else { throw DocumentError.noPaths }
        var references: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields):
                if let ref = fields["$ref"]?.string { references.append(ref) }
                fields.values.forEach(walk)
            case .array(let values): values.forEach(walk)
            default: break
            }
        }
        walk(document)
        #expect(!references.isEmpty)
        for reference in references {
            let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
            #expect(schemas[name] != nil, "\(reference)")
        }
    }

    @Test("the served document is the generated one, without credentials")
    func served() async throws {
        try await APIHarness.run { harness, client in
            let response = try await client.send(.get, "/openapi.json", as: nil, harness: harness)
            #expect(response.status == .ok)
            #expect(response.json == OpenAPIDocument.document(for: APIRoutes.all))
        }
    }

    enum DocumentError: Error { case noPaths }
}
