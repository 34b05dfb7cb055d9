# The app (web view, GraphQL, /health) for docker-compose.yml: Node 20 and no Java, since Neo4j and
# CoreNLP are services of their own (NEO4J_URI and CORENLP_URL point at them, so nothing is
# provisioned). The web view is built into the image, so a container start only serves.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# npm ci's postinstall generates the GraphQL types from schema.graphql and the web view's operations;
# tsx, which runs the server, is a dev dependency, so they are all installed.
RUN npm ci --no-audit --no-fund && npm run build:web
ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:4000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["npm", "run", "serve"]
